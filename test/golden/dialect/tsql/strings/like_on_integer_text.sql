SELECT id FROM orders WHERE id::text LIKE '1%'
