SELECT name FROM customers WHERE name NOT ILIKE 'a_c%'
