SELECT c.name, o.id FROM customers c RIGHT JOIN orders o ON o.customer_id = c.id
