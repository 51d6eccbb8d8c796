INSERT INTO orders (customer_id, total) VALUES (1, 19.999) RETURNING *
