CREATE INDEX orders_open_idx ON orders (status) WITH (fillfactor = 90) WHERE status <> 'done'
