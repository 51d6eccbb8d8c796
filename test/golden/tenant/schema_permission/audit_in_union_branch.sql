SELECT id FROM orders UNION ALL SELECT id FROM audit.log
