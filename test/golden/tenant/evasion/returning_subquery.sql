UPDATE notes SET body = 'x' WHERE id = 1 RETURNING (SELECT count(*) FROM orders)
