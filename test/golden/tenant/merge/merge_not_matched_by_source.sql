MERGE INTO orders o USING invoices i ON i.order_id = o.id WHEN NOT MATCHED BY SOURCE THEN DELETE
