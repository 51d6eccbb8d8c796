CREATE VIEW sorted_orders AS SELECT id, total FROM orders ORDER BY total
