SELECT * FROM v_orders WHERE total > 5
