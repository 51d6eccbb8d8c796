COPY customers (name, email) FROM STDIN
