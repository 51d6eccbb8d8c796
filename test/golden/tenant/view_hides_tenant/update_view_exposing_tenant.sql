UPDATE v_orders SET total = 0 WHERE id = 1
