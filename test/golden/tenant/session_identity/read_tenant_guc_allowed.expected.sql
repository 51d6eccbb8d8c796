SELECT current_setting('pgfabric.tenant_id', true)
