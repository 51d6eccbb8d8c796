SELECT * FROM app.notes, public.notes WHERE app.notes.tenant_id = '11111111-1111-1111-1111-111111111111'
