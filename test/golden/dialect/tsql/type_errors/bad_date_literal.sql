SELECT id FROM orders WHERE ordered_on > '2024-13-01'
