SELECT * FROM orders AS o(a, b) FULL JOIN invoices i ON i.order_id = o.a
