MERGE INTO orders o USING invoices i ON i.order_id = o.id WHEN NOT MATCHED THEN INSERT (id, tenant_id) VALUES (i.order_id, '22222222-2222-2222-2222-222222222222')
