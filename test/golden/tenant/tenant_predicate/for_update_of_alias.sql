SELECT * FROM orders o JOIN invoices i ON i.order_id = o.id FOR UPDATE OF o SKIP LOCKED
