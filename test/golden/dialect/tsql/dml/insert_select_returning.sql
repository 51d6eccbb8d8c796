INSERT INTO audit_log (actor, action, amount) SELECT name, 'copy', balance FROM customers WHERE active RETURNING entry_no, amount
