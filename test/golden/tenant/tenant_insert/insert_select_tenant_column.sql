INSERT INTO orders (id, tenant_id) SELECT order_id, tenant_id FROM invoices
