SELECT * FROM pg_temp_3.customers
