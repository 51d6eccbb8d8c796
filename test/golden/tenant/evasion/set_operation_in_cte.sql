WITH ids AS (SELECT id FROM orders UNION ALL SELECT id FROM invoices) SELECT count(*) FROM ids
