SELECT 'yes'::boolean AS a, 'off'::bool AS b, (stock::int)::boolean AS in_stock FROM products
