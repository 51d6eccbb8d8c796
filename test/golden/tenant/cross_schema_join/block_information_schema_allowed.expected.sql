SELECT c.column_name FROM information_schema.columns AS c JOIN app.products AS p ON p.name = c.column_name WHERE p.tenant_id = '11111111-1111-1111-1111-111111111111'
