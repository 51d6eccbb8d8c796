DELETE FROM v_order_totals WHERE customer_id = 1
