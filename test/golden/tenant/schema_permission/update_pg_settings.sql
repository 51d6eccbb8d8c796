UPDATE pg_catalog.pg_settings SET setting = 'off' WHERE name = 'row_security'
