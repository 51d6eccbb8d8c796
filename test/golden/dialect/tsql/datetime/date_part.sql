SELECT date_part('year', ordered_on) AS y, date_part('hour', happened_at) AS h FROM orders, events
