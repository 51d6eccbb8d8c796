INSERT INTO notes (body) SELECT value FROM audit.secrets
