SELECT json_agg(name) AS j FROM customers
