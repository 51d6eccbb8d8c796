UPDATE orders SET status = 'shipped' WHERE id = 5
