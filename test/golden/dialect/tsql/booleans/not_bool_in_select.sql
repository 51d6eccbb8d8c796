SELECT NOT active AS inactive, active AND balance > 0 AS good FROM customers
