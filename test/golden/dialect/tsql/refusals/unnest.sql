SELECT unnest(ARRAY['a', 'b']) AS x
