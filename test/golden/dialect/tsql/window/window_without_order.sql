SELECT id, row_number() OVER () AS rn, lag(id) OVER () AS prev, sum(total) OVER (ORDER BY id) AS running FROM orders
