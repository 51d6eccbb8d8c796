SELECT EXISTS (SELECT 1 FROM orders WHERE status = 'paid') AS any_paid
