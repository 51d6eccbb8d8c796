CREATE VIEW app.v_all_orders AS SELECT * FROM orders
