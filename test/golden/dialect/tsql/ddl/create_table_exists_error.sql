CREATE TABLE customers (id int)
