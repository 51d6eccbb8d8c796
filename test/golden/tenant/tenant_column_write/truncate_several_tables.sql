TRUNCATE TABLE public.notes, order_items RESTART IDENTITY
