SELECT image::text AS t, '\x0102'::bytea AS b FROM products
