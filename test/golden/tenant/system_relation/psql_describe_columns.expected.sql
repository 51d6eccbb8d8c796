SELECT a.attname, pg_catalog.format_type(a.atttypid, NULL), a.attnotnull FROM pg_catalog.pg_attribute AS a WHERE a.attrelid = '16384' AND a.attnum > 0 AND NOT (a.attisdropped) ORDER BY a.attnum
