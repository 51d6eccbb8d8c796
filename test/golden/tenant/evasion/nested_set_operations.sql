SELECT id FROM orders UNION (SELECT id FROM invoices INTERSECT (SELECT order_id FROM order_items EXCEPT SELECT id FROM notes))
