WITH big AS (SELECT id FROM orders WHERE total > 1000) UPDATE orders SET status = 'review' WHERE id IN (SELECT id FROM big)
