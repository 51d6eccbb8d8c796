SELECT c.name AS "CustomerName" FROM customers c
