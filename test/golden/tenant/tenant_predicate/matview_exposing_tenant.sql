SELECT day, total FROM mv_daily_sales ORDER BY day
