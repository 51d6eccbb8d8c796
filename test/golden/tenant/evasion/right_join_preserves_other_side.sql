SELECT * FROM invoices i RIGHT JOIN orders o ON o.id = i.order_id
