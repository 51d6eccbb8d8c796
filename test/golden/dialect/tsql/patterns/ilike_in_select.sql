SELECT name ILIKE 'a%' AS starts_a FROM customers
