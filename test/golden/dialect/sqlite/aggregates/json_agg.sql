SELECT json_agg(name) AS j, jsonb_agg(total) AS jb, json_object_agg(name, balance) AS o FROM customers, orders
