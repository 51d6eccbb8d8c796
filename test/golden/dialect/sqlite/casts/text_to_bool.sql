SELECT 'yes'::boolean AS a, 'off'::bool AS b, 'maybe'::boolean AS c
