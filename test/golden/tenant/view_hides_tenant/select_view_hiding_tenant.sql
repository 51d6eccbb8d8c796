SELECT * FROM v_order_totals
