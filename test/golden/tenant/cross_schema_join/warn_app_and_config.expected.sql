SELECT o.id, s.value FROM app.orders AS o JOIN config.settings AS s ON s.key = o.status WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
-- warning: cross-schema statement (app, config)
