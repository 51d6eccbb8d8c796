SELECT c.id, p.sku FROM customers c JOIN products p ON true
