SELECT sku FROM products WHERE sku LIKE 'A\_%'
