EXPLAIN (ANALYZE) SELECT * FROM config.settings
