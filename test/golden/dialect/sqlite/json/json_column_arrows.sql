SELECT attributes -> 'color' AS color, attributes ->> 'size' AS size FROM products
