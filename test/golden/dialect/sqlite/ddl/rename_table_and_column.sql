ALTER TABLE audit_log RENAME TO audit_entries; ALTER TABLE audit_entries RENAME COLUMN actor TO who
