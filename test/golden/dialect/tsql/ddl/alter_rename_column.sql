ALTER TABLE audit_log RENAME COLUMN actor TO who
