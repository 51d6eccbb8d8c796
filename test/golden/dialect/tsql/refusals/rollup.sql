SELECT country, count(*) FROM customers GROUP BY ROLLUP (country)
