INSERT INTO audit_log (actor, action) SELECT name, 'top' FROM customers ORDER BY balance DESC LIMIT 3
