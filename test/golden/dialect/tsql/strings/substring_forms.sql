SELECT substring(name from 2 for 3) AS a, substr(name, 2) AS b, substring(name, 1, 4) AS c FROM customers
