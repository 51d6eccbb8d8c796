UPDATE tags SET tenant_id = NULL
