MERGE INTO orders o USING invoices i ON i.order_id = o.id WHEN NOT MATCHED THEN INSERT (id, total) VALUES (i.order_id, i.amount)
