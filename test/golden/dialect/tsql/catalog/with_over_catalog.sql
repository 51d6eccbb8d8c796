WITH rels AS (SELECT c.relname, c.relkind FROM pg_catalog.pg_class c) SELECT relname FROM rels WHERE relkind = 'r' ORDER BY relname
