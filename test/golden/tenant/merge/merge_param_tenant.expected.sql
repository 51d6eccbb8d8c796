MERGE INTO app.orders AS o USING ( SELECT CAST($1 AS bigint) AS id ) AS s ON s.id = o.id AND o.tenant_id = '11111111-1111-1111-1111-111111111111' WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id, tenant_id) VALUES (s.id, $2)
-- params checked at Bind: $2
