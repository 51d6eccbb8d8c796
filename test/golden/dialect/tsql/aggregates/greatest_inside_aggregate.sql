SELECT sum(greatest(quantity, 1)) AS s, max(least(unit_price, 100)) AS m FROM order_items
