SELECT shipped_at + $1 AS eta FROM orders
