SELECT name ~~ 'a%' AS l, name ~~* 'A%' AS il, name !~~ 'b%' AS nl FROM customers
