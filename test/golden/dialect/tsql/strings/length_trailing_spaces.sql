SELECT length('ab  ') AS a, length(name) AS b, octet_length(name) AS c FROM customers
