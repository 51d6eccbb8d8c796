SELECT * FROM app.events_2024 WHERE kind = 'login' AND events_2024.tenant_id = '11111111-1111-1111-1111-111111111111'
