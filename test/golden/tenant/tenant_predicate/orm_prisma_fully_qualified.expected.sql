SELECT app.orders.id, app.orders.total FROM app.orders WHERE app.orders.customer_id = $1 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111' ORDER BY app.orders.id ASC LIMIT $2 OFFSET $3
