SELECT (stock::int)::boolean AS in_stock FROM products
