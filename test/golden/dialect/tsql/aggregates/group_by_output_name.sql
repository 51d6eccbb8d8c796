SELECT upper(country) AS c, count(*) AS n FROM customers GROUP BY c
