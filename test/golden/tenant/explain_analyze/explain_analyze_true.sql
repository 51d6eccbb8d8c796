EXPLAIN (ANALYZE true) SELECT count(*) FROM invoices
