WITH u AS (UPDATE orders SET total = 0 RETURNING id) DELETE FROM invoices WHERE order_id IN (SELECT id FROM u)
