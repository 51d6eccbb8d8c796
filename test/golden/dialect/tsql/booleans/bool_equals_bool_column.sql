SELECT customers.id, active = frozen AS same FROM customers JOIN accounts ON accounts.owner_id = customers.id
