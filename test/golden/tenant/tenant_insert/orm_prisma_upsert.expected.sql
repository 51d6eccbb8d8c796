INSERT INTO app.products (sku, name, price, tenant_id) VALUES ($1, $2, $3, $4) ON CONFLICT (sku) DO UPDATE SET name = excluded.name, price = excluded.price WHERE products.tenant_id = '11111111-1111-1111-1111-111111111111' RETURNING app.products.id
-- params checked at Bind: $4
