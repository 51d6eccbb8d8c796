SELECT id FROM customers WHERE NOT active OR (country = 'DE' AND balance > 0)
