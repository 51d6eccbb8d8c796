SELECT total::numeric(8,1) AS t, 3.14159::numeric(5,2) AS pi FROM orders
