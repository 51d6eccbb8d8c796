SELECT attname FROM pg_catalog.pg_attribute WHERE attrelid = CAST('app.orders' AS regclass) AND attnum > 0 AND NOT (attisdropped)
