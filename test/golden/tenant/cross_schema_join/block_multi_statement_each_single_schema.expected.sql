SELECT * FROM app.orders WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111';
SELECT * FROM config.settings
