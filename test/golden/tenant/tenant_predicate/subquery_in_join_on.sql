SELECT * FROM orders o JOIN invoices i ON i.order_id = o.id AND i.amount = (SELECT max(amount) FROM invoices)
