SELECT '2024-01-31'::date AS d, '2024-01-31 10:00'::timestamp AS ts, '2024-01-31 10:00+02'::timestamptz AS tz, '10:30'::time AS t
