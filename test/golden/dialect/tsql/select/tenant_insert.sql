INSERT INTO orders (tenant_id, customer_id, total) VALUES ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', $1, $2) RETURNING id
