MERGE INTO orders o USING invoices i ON i.order_id = o.id WHEN MATCHED THEN UPDATE SET status = 'billed'
