WITH RECURSIVE t(id) AS (SELECT id FROM orders WHERE id = 1 UNION ALL SELECT o.id FROM orders o, t WHERE o.customer_id = t.id) SELECT * FROM t
