SELECT d::date FROM generate_series('2024-01-01'::date, '2024-01-31'::date, interval '1 day') AS d
