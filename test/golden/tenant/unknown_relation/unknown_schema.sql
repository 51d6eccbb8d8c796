SELECT * FROM tenant_b.orders
