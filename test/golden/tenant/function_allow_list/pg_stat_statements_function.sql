SELECT * FROM public.pg_stat_statements(true)
