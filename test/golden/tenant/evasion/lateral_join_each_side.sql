SELECT * FROM orders o CROSS JOIN LATERAL (SELECT * FROM invoices i WHERE i.order_id = o.id) li JOIN LATERAL (SELECT * FROM order_items oi WHERE oi.order_id = li.order_id) lo ON true
