SELECT active, count(*) FROM customers GROUP BY active
