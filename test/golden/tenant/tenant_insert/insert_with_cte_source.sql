WITH src AS (SELECT order_id, sum(amount) AS s FROM invoices GROUP BY order_id) INSERT INTO orders (id, total) SELECT order_id, s FROM src
