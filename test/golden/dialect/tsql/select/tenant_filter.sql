SELECT o.id, o.total FROM orders o WHERE o.tenant_id = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AND o.status = 'paid'
