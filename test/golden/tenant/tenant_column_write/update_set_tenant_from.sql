UPDATE orders o SET tenant_id = i.tenant_id FROM invoices i WHERE i.order_id = o.id
