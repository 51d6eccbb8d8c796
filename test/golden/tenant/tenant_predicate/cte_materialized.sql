WITH t AS MATERIALIZED (SELECT customer_id, count(*) AS n FROM orders GROUP BY 1) SELECT * FROM t JOIN app.customers c ON c.id = t.customer_id
