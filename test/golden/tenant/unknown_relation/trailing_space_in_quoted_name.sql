SELECT * FROM "orders "
