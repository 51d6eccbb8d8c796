SELECT name::varchar(5) AS v, name::char(3) AS c, CAST(id AS varchar(5)) AS short FROM customers
