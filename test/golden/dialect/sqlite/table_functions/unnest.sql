SELECT c.id, t FROM customers c, unnest(c.tags) AS t
