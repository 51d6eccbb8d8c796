SELECT date_trunc('week', shipped_at) AS w FROM orders
