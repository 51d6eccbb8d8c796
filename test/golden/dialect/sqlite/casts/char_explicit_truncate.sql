SELECT 'abcdef'::char(3) AS c, 'abcdef'::varchar(3) AS v
