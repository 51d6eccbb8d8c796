INSERT INTO accounts (id, limit_amount) VALUES (9, 12.345)
