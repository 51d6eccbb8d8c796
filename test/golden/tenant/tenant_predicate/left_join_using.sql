SELECT * FROM orders o LEFT JOIN invoices i USING (id)
