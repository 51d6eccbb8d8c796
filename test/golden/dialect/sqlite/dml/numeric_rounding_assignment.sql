UPDATE accounts SET limit_amount = 12.345 WHERE id = 1
