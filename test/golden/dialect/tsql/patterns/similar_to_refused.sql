SELECT name FROM customers WHERE name SIMILAR TO '(A|B)%'
