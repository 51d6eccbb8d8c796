SELECT id, CASE WHEN EXISTS (SELECT 1 FROM invoices i WHERE i.order_id = o.id) THEN 'billed' ELSE 'open' END FROM orders o
