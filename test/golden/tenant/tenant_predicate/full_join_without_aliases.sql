SELECT * FROM orders FULL OUTER JOIN invoices ON invoices.order_id = orders.id
