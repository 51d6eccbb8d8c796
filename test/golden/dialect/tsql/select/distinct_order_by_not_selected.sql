SELECT DISTINCT country FROM customers ORDER BY name
