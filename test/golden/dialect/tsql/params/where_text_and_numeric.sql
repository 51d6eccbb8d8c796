SELECT id FROM orders WHERE status = $1 AND total > $2
