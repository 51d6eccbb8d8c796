SELECT id FROM orders WHERE total > ALL (SELECT unit_price FROM order_items) OR customer_id = ANY (SELECT id FROM customers)
