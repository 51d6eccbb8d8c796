UPDATE notes SET tenant_id = DEFAULT
