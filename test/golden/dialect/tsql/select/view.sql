SELECT * FROM customer_totals WHERE order_count > 0
