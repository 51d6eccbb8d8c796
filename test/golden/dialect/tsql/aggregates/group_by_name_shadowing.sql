SELECT upper(name) AS name, count(*) AS n FROM customers GROUP BY name
