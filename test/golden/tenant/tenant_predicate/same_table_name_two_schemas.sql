SELECT * FROM app.notes, public.notes
