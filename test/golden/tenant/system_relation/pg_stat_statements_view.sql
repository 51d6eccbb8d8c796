SELECT query, calls FROM pg_stat_statements ORDER BY calls DESC
