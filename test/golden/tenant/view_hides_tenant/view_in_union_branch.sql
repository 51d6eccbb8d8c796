SELECT customer_id FROM orders UNION SELECT customer_id FROM v_order_totals
