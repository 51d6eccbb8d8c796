UPDATE journal SET amount = 0 WHERE id = 1
