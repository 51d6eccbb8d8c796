SELECT day::date FROM generate_series(current_date - 6, current_date, interval '1 day') AS day
