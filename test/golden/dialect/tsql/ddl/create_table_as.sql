CREATE TABLE big_orders AS SELECT id, total, ordered_on FROM orders WHERE total > 1000
