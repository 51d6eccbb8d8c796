SELECT * FROM "orders"
