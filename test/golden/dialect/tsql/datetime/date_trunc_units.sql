SELECT date_trunc('year', shipped_at) AS y, date_trunc('month', shipped_at) AS m, date_trunc('day', shipped_at) AS d, date_trunc('hour', shipped_at) AS h FROM orders
