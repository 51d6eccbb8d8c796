INSERT INTO public.notes (id, title) VALUES (1, 'shared')
