SELECT id, total FROM orders ORDER BY total DESC, discount
