INSERT INTO app.journal (account, amount, tenant_id) VALUES ('4000', 120.00, '11111111-1111-1111-1111-111111111111')
