CREATE INDEX orders_customer_idx ON orders (customer_id, ordered_on DESC)
