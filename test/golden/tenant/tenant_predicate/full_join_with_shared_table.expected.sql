SELECT * FROM ( SELECT * FROM app.orders WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111' ) AS o FULL JOIN config.plans AS p ON p.id = o.id
