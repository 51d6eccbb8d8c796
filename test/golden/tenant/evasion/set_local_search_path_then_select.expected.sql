SET LOCAL search_path = public;
SELECT * FROM public.notes
-- search_path: public
