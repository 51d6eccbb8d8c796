SELECT tags || ARRAY['x'] AS more FROM customers
