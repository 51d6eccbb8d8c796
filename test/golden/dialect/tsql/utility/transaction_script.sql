BEGIN; INSERT INTO audit_log (actor, action) VALUES ('a', 'b'); SAVEPOINT s; DELETE FROM audit_log; ROLLBACK TO s; COMMIT
