SELECT * FROM app.notes WHERE body = '''; DELETE FROM app.orders; --' AND notes.tenant_id = '11111111-1111-1111-1111-111111111111'
