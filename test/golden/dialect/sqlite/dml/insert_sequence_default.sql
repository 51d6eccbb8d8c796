INSERT INTO audit_log (actor, action, amount) VALUES ('sys', 'boot', 1.5) RETURNING entry_no
