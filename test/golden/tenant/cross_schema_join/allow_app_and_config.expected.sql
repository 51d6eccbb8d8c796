SELECT o.id, p.name FROM app.orders AS o JOIN config.plans AS p ON p.id = o.id WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
