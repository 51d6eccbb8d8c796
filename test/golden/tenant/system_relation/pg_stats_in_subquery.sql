SELECT * FROM orders WHERE status = ANY (SELECT unnest(most_common_vals::text::text[]) FROM pg_stats)
