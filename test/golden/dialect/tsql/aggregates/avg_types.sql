SELECT avg(quantity) AS q, avg(unit_price) AS p, avg(weight_kg) AS w FROM order_items, products
