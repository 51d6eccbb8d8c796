SELECT 'ab'::char(4) AS c, country::text AS t, 'abcdef'::varchar(3) AS v FROM customers
