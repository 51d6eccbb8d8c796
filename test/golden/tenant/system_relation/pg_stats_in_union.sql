SELECT relname FROM pg_class UNION SELECT tablename FROM pg_stats
