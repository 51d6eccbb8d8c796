INSERT INTO app.products (sku, name, price, tenant_id) SELECT name, name, price, '11111111-1111-1111-1111-111111111111' FROM config.plans
