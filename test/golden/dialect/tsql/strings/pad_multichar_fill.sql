SELECT lpad(sku, 12, 'xy') AS l, rpad(sku, 12, 'xy') AS r FROM products
