SELECT id, total FROM orders WHERE customer_id = $1 ORDER BY total DESC NULLS LAST LIMIT $2 OFFSET $3
