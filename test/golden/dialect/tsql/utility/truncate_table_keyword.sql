TRUNCATE TABLE order_items
