UPDATE app.products SET price = price * 1.1 WHERE products.tenant_id = '11111111-1111-1111-1111-111111111111'
