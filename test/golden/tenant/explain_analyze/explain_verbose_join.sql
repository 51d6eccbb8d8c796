EXPLAIN (VERBOSE, COSTS false) SELECT * FROM orders o LEFT JOIN invoices i ON i.order_id = o.id
