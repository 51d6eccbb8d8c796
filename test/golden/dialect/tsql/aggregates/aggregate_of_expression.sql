SELECT sum(quantity * unit_price) AS revenue, avg(quantity::numeric / 3) AS a FROM order_items
