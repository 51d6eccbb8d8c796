ANALYZE customers
