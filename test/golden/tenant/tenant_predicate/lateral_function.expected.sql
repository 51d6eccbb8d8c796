SELECT o.id, n FROM app.orders AS o, LATERAL generate_series(1, 3) AS n WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
