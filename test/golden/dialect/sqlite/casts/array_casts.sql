SELECT '{a,b}'::text[] AS t, tags::text AS s FROM customers
