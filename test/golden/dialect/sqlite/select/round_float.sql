SELECT round(weight_kg) AS r, sign(weight_kg) AS s, sign(quantity) AS t FROM products, order_items
