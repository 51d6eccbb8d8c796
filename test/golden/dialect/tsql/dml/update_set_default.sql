UPDATE customers SET country = DEFAULT, created_at = DEFAULT WHERE id = 2
