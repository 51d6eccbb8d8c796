-- context: {"appendOnly": ["app.orders", "app.journal"]}
DELETE FROM orders WHERE status = 'void'
