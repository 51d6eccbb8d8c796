SELECT DISTINCT country FROM customers ORDER BY country
