CREATE INDEX ON order_items (sku)
