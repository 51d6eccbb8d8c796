SELECT current_date - ordered_on AS days_ago FROM orders
