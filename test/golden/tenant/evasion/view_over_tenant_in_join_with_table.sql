SELECT * FROM v_orders v JOIN orders o ON o.id = v.id
