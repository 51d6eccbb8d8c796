SELECT * FROM app.mv_daily_sales WHERE day > '2024-01-01'
