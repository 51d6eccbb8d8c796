COPY orders FROM '/tmp/orders.csv'
