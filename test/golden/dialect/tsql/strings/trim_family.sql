SELECT trim(name) AS a, ltrim(name) AS b, rtrim(name) AS c, trim(both 'x' from name) AS d, btrim(name, 'xy') AS e FROM customers
