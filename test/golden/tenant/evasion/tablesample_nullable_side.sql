SELECT * FROM orders o LEFT JOIN invoices i TABLESAMPLE BERNOULLI (50) ON i.order_id = o.id
