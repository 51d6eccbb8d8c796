UPDATE orders SET status = 'void' WHERE id = $1 RETURNING id, status
