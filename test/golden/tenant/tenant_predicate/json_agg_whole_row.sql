SELECT json_agg(o) FROM orders o
