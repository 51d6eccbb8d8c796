COPY public.notes FROM '/etc/passwd'
