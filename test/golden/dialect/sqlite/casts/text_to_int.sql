SELECT '42'::int AS a, '9000000000'::bigint AS b, '7'::smallint AS c
