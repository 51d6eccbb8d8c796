SELECT * FROM orders o JOIN nosuch n ON n.id = o.id
