SELECT make_date(2024, 2, 29) AS d, make_date(extract(year FROM ordered_on)::int, 1, 1) AS jan1 FROM orders
