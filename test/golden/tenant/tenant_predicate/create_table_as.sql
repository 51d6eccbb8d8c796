-- role: {"*": "ddl"}
CREATE TABLE app.orders_copy AS SELECT * FROM orders
