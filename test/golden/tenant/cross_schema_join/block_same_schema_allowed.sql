-- context: {"crossSchemaJoins": "block"}
SELECT * FROM orders o JOIN invoices i ON i.order_id = o.id
