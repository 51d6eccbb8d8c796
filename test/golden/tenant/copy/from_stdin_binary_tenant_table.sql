COPY orders (id, total) FROM STDIN WITH (FORMAT binary)
