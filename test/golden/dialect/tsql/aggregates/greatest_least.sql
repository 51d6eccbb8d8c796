SELECT greatest(quantity, line) AS g, least(quantity, 10) AS l FROM order_items
