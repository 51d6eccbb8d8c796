SELECT order_id, line, sku, p.name FROM order_items JOIN products p USING (sku)
