SELECT * FROM app.orders, config.plans, public.tags WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111' AND tags.tenant_id = '11111111-1111-1111-1111-111111111111'
-- warning: cross-schema statement (app, config, public)
