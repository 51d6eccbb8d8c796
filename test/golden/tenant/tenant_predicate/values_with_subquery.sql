VALUES ((SELECT count(*) FROM orders), (SELECT count(*) FROM invoices))
