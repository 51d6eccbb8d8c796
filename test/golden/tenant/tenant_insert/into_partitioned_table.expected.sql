INSERT INTO app.events (kind, payload, tenant_id) VALUES ('login', '{}', '11111111-1111-1111-1111-111111111111')
