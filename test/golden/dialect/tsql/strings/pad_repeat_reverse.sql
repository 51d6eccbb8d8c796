SELECT lpad(sku, 10, '0') AS a, rpad(sku, 10) AS b, repeat('-', 3) AS c, reverse(name) AS d FROM products
