SELECT date_part('dow', ordered_on) AS dow, date_part('month', delivered_at) AS m FROM orders
