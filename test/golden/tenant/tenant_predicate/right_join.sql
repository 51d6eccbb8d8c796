SELECT o.id, i.amount FROM orders o RIGHT JOIN invoices i ON i.order_id = o.id
