SELECT extract(day FROM lead_time) AS d FROM orders
