UPDATE customers SET balance = balance + 10, updated_at = now() WHERE id = 1
