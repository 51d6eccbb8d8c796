INSERT INTO customers (id, name) SELECT id + 100, name FROM customers WHERE active
