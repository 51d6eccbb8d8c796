-- role: {"*": "read"}
INSERT INTO orders (total) VALUES (1)
