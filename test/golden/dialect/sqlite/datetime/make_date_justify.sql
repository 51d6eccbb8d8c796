SELECT make_date(2024, 2, 29) AS d, justify_hours(interval '27 hours') AS h, justify_days(lead_time) AS j FROM orders
