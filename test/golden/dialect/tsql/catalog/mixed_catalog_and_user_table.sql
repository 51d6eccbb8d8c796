SELECT c.relname, (SELECT count(*) FROM orders) AS n FROM pg_catalog.pg_class c
