SELECT trim(name) AS a, btrim(name, 'x') AS b, ltrim(name) AS c, rtrim(name, '.') AS d, trim(both 'x' from name) AS e FROM customers
