EXPLAIN (COSTS off) SELECT * FROM orders FULL JOIN invoices ON true
