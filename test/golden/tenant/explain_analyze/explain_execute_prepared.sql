EXPLAIN EXECUTE by_customer(1)
