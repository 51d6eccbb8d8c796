SELECT * FROM order_items LEFT JOIN products USING (sku)
