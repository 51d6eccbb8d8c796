-- SELECT 1;
SELECT * FROM invoices
