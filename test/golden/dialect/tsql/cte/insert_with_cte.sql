WITH src AS (SELECT id, name FROM customers WHERE active) INSERT INTO audit_log (actor, action) SELECT name, 'seen' FROM src
