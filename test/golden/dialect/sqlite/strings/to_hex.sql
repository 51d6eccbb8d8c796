SELECT to_hex(id) AS h FROM orders
