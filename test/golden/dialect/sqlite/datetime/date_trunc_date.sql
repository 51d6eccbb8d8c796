SELECT date_trunc('week', ordered_on) AS w FROM orders
