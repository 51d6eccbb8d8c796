SELECT bool_and(active) AS all_active, bool_or(active) AS any_active, every(balance > 0) AS all_positive FROM customers
