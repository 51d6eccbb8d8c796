SELECT o.id, c.name FROM app.orders AS o LEFT JOIN app.currencies AS c ON c.code = o.status WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
