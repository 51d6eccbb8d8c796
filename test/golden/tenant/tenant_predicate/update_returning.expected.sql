UPDATE app.orders SET status = 'void' WHERE id = $1 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111' RETURNING id, status
