COMMENT ON TABLE orders IS 'customer orders'
