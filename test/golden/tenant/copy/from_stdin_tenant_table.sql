COPY orders (id, total) FROM STDIN
