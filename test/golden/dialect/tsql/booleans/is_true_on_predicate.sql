SELECT id FROM orders WHERE (total > 100) IS NOT TRUE
