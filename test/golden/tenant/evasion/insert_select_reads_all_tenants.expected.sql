INSERT INTO app.notes (body, tenant_id) SELECT string_agg(body, ','), '11111111-1111-1111-1111-111111111111' FROM app.notes WHERE notes.tenant_id = '11111111-1111-1111-1111-111111111111'
