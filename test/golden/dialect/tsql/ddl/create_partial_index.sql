CREATE INDEX orders_open_idx ON orders (status) WHERE status <> 'done'
