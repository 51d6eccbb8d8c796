-- role: {"*": "ddl"}
SELECT id, total INTO app.order_totals FROM orders
