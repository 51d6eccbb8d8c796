SELECT sum(quantity) AS q, sum(order_id) AS o, sum(unit_price) AS p FROM order_items
