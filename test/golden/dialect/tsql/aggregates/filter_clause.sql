SELECT count(*) FILTER (WHERE status = 'paid') AS paid, sum(total) FILTER (WHERE status <> 'paid') AS unpaid FROM orders
