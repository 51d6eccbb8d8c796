INSERT INTO customers (name, country) VALUES ('Ed', 'USA')
