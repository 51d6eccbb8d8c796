SELECT 'NaN'::float8 AS nan, 'Infinity'::float8 AS inf
