EXPLAIN ANALYZE SELECT * FROM config.plans WHERE id IN (SELECT customer_id FROM orders)
