SELECT * FROM orders WHERE status = 'new' OR status = 'paid'
