INSERT INTO products (sku, name, price) SELECT name, name, price FROM config.plans
