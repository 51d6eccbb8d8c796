-- Shapes that catalog introspection (drizzle-kit's index query) relies on, checked against Postgres on user data.

-- name: lateral_unnest_with_subscripts
SELECT o.id, k.part, k.pos FROM orders o CROSS JOIN LATERAL (SELECT unnest(string_to_array(o.status, 'i')), generate_subscripts(string_to_array(o.status, 'i'), 1) + 1) AS k(part, pos) WHERE o.id <= 5 ORDER BY o.id, k.pos;

-- name: bitwise_operators
SELECT id, id & 3 AS a, id | 8 AS o, id # 5 AS x, id << 2 AS l, id >> 1 AS r FROM customers ORDER BY id LIMIT 6;
