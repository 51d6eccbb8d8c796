UPDATE notes n SET body = o.status FROM orders o WHERE o.id = n.id
