SELECT ordered_on + $1 AS due FROM orders
