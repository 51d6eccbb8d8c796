SELECT details ->> $1 AS v FROM orders
