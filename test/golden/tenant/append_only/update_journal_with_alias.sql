UPDATE app.journal j SET account = '0000' FROM orders o WHERE o.id = j.id
