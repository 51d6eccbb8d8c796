-- context: {"crossSchemaJoins": "block"}
SELECT * FROM customers t JOIN orders o ON o.customer_id = t.id
