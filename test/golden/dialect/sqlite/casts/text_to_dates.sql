SELECT '2024-01-31'::date AS d, '2024-01-31 10:00'::timestamp AS ts, '2024-01-31 10:00+02'::timestamptz AS tz, '1 day 2 hours'::interval AS i
