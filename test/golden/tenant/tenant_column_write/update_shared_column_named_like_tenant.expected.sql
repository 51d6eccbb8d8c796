UPDATE public.notes SET title = 'tenant_id'
