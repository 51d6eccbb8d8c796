COPY orders (id, total) TO STDOUT WITH (FORMAT csv, HEADER)
