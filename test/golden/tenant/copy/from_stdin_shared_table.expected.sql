COPY public.notes (id, title) FROM STDIN WITH (FORMAT csv)
