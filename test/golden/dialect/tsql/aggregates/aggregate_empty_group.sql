SELECT sum(total) AS s, count(*) AS n, max(id) AS m FROM orders WHERE false
