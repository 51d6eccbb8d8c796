SELECT min(email) AS e, max(sku) AS s FROM customers, products
