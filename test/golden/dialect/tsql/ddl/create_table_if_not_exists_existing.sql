CREATE TABLE IF NOT EXISTS customers (id int)
