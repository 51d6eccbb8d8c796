SELECT * FROM invoices FULL JOIN orders ON orders.id = invoices.order_id
