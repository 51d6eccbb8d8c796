-- role: {"app": "read", "public": "read"}
DELETE FROM orders WHERE id = 1
