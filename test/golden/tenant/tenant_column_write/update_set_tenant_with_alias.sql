UPDATE orders o SET total = 0, tenant_id = '22222222-2222-2222-2222-222222222222' WHERE o.id = 1
