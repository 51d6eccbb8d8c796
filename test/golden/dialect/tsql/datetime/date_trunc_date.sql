SELECT date_trunc('month', ordered_on) AS m FROM orders
