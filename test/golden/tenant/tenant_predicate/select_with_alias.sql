SELECT o.id, o.total FROM orders o WHERE o.total > 100
