SELECT id AS "order", name AS "user", country AS "key" FROM customers
