INSERT INTO customers (name) VALUES ('Bob') RETURNING id, created_at, country
