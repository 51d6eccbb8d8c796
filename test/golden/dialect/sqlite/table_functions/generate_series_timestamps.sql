SELECT d FROM generate_series('2024-01-01'::timestamp, '2024-01-31'::timestamp, '1 week') AS d
