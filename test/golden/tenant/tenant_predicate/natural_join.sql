SELECT * FROM orders NATURAL JOIN invoices
