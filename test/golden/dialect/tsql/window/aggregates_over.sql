SELECT order_id, sum(quantity) OVER () AS total_qty, avg(quantity) OVER (PARTITION BY order_id) AS avg_qty FROM order_items
