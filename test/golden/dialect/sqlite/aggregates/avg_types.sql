SELECT avg(quantity) AS q, avg(unit_price) AS p FROM order_items
