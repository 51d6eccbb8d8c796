SELECT jsonb_typeof(details) AS t, jsonb_array_length(details -> 'items') AS n, jsonb_set(details, '{a}', '1') AS s, jsonb_strip_nulls(details) AS sn FROM orders
