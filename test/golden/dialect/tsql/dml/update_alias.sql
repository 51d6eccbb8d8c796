UPDATE customers AS c SET name = upper(c.name) WHERE c.id = 3 RETURNING c.name
