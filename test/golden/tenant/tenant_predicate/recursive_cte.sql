WITH RECURSIVE chain AS (SELECT id, customer_id FROM orders WHERE id = 1 UNION ALL SELECT o.id, o.customer_id FROM orders o JOIN chain ON chain.customer_id = o.id) SELECT * FROM chain
