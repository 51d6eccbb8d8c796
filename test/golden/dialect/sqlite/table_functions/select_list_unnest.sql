SELECT c.id, unnest(c.tags) AS tag FROM customers c
