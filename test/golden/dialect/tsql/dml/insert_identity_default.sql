INSERT INTO customers (name, email) VALUES ('Ada', 'ada@example.com')
