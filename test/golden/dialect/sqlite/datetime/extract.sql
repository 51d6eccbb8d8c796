SELECT extract(year FROM ordered_on) AS y, extract(epoch FROM delivered_at) AS e, extract(hour FROM shipped_at) AS h FROM orders
