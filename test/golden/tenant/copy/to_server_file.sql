COPY orders TO '/tmp/orders.csv'
