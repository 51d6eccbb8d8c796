-- context: {"searchPath": []}
SELECT * FROM orders
