SELECT * FROM orders o FULL JOIN config.plans p ON p.id = o.id
