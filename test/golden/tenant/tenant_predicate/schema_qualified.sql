SELECT id, total FROM app.orders WHERE status = 'new'
