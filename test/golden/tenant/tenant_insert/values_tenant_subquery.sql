INSERT INTO orders (id, tenant_id) VALUES (1, (SELECT tenant_id FROM invoices LIMIT 1))
