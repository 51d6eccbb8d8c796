SELECT * FROM orders o JOIN invoices i USING (id)
