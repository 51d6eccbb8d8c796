SELECT public.customers.id FROM public.customers
