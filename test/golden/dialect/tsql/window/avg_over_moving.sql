SELECT order_id, line, avg(quantity) OVER (ORDER BY line ROWS BETWEEN 2 PRECEDING AND 2 FOLLOWING) AS moving FROM order_items
