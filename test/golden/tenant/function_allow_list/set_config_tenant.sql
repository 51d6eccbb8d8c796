SELECT set_config('pgfabric.tenant_id', '22222222-2222-2222-2222-222222222222', false)
