SELECT to_json(name) AS a, to_jsonb(balance) AS b FROM customers
