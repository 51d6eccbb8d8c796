SELECT name FROM customers WHERE name ILIKE '%smith%'
