WITH invoices AS (SELECT * FROM orders) SELECT * FROM invoices
