UPDATE orders SET (status, tenant_id) = (SELECT status, tenant_id FROM invoices LIMIT 1)
