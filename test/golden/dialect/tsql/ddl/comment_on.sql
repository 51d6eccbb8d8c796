COMMENT ON TABLE customers IS 'people who buy'
