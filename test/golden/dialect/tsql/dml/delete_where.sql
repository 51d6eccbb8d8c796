DELETE FROM orders WHERE ordered_on < current_date - 365
