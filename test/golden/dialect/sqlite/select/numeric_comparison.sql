SELECT id FROM orders WHERE total > discount AND total BETWEEN 10 AND 99.99
