ALTER TABLE orders ADD CONSTRAINT orders_tracking_key UNIQUE (tracking)
