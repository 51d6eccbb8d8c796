SELECT sum(count(*)) FROM orders
