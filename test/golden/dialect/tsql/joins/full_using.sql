SELECT sku FROM order_items FULL JOIN products USING (sku)
