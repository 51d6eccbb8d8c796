-- context: {"appendOnly": ["app.orders"]}
INSERT INTO orders (total) VALUES (1)
