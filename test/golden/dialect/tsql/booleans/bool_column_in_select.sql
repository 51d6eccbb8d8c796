SELECT customers.id, active, frozen FROM customers JOIN accounts ON accounts.owner_id = customers.id
