SELECT sku FROM products WHERE sku LIKE 'A!_%' ESCAPE '!'
