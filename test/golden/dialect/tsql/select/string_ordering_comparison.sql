SELECT id FROM customers WHERE name < 'b' ORDER BY name
