WITH a AS (SELECT query FROM pg_stat_activity) SELECT count(*) FROM a
