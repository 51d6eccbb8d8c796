RESET pgfabric.tenant_id
