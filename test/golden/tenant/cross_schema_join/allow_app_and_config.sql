SELECT o.id, p.name FROM orders o JOIN config.plans p ON p.id = o.id
