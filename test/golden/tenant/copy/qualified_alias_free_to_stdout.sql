COPY app.order_items TO STDOUT WITH (FORMAT binary)
