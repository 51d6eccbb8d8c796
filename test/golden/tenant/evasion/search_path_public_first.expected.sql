SELECT * FROM public.notes
