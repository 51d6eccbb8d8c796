SELECT c.id, k.tag, k.pos FROM customers c CROSS JOIN LATERAL (SELECT unnest(c.tags), generate_subscripts(c.tags, 1)) AS k(tag, pos)
