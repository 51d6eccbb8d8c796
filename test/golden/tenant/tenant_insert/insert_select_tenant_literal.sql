INSERT INTO orders (id, tenant_id) SELECT order_id, '11111111-1111-1111-1111-111111111111' FROM invoices
