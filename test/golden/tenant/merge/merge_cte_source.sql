WITH src AS (SELECT * FROM invoices) MERGE INTO orders o USING src ON src.order_id = o.id WHEN MATCHED THEN UPDATE SET status = 'x'
