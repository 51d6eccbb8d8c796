SELECT ascii(name) AS a, chr(65) AS c, starts_with(name, 'A') AS s FROM customers
