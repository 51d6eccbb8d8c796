UPDATE orders AS o SET total = o.total * 2 WHERE o.status = 'new'
