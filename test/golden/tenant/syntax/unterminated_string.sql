SELECT * FROM orders WHERE status = 'new
