DELETE FROM orders WHERE id = 9
