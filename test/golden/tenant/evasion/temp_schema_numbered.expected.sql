SELECT * FROM pg_temp.customers
