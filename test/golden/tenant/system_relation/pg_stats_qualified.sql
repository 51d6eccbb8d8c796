SELECT most_common_vals FROM pg_catalog.pg_stats WHERE attname = 'tenant_id'
