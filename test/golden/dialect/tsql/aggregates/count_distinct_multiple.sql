SELECT count(DISTINCT customer_id) AS buyers, sum(DISTINCT total) AS distinct_totals FROM orders
