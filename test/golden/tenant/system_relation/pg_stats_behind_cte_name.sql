WITH pg_class AS (SELECT tablename AS relname FROM pg_stats) SELECT * FROM pg_class
