SELECT country::text || '|' AS c, country::varchar AS v, CAST(country AS text) AS t FROM customers
