SELECT * FROM products p ORDER BY (SELECT sum(qty) FROM order_items oi WHERE oi.product_id = p.id) DESC
