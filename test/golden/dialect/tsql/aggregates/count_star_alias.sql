SELECT count(*) AS n FROM orders WHERE status = 'paid'
