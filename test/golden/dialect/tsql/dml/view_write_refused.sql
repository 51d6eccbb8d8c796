DELETE FROM customer_totals
