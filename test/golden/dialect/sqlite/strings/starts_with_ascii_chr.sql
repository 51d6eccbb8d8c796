SELECT starts_with(name, 'A') AS s, ascii(name) AS a, chr(65) AS c FROM customers
