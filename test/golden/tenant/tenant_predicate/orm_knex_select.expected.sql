SELECT orders.* FROM app.orders WHERE orders.id = $1 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111' LIMIT $2
