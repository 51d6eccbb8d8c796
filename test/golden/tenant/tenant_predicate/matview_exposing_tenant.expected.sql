SELECT day, total FROM app.mv_daily_sales WHERE mv_daily_sales.tenant_id = '11111111-1111-1111-1111-111111111111' ORDER BY day
