SELECT * FROM pg_stat_get_activity(NULL)
