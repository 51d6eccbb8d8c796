SELECT * FROM app.mv_daily_sales WHERE day > '2024-01-01' AND mv_daily_sales.tenant_id = '11111111-1111-1111-1111-111111111111'
