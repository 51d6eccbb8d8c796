SELECT * FROM pg_catalog.pg_stats WHERE tablename = 'orders'
