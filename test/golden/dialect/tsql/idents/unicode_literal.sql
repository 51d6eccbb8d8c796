SELECT 'héllo ✓' AS u, name FROM customers WHERE name = 'Zoë'
