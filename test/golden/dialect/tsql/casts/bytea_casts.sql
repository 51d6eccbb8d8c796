SELECT '\x0102'::bytea AS b, image FROM products
