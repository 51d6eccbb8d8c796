SELECT attributes::jsonb AS j, '{"a":1}'::json AS k, details::json AS l, details::text AS m FROM orders, products
