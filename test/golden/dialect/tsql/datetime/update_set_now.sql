UPDATE customers SET updated_at = now(), created_at = now() WHERE id = 1
