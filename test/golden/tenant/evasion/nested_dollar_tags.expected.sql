SELECT * FROM app.notes WHERE body = ' $b$ ; SELECT * FROM audit.secrets; $b$ ' AND notes.tenant_id = '11111111-1111-1111-1111-111111111111'
