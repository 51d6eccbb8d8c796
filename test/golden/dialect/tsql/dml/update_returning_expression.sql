UPDATE order_items SET quantity = quantity + 1 WHERE order_id = 1 RETURNING line, quantity * unit_price AS amount
