MERGE INTO orders o USING (SELECT $1::bigint AS id) s ON s.id = o.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, tenant_id) VALUES (s.id, $2)
