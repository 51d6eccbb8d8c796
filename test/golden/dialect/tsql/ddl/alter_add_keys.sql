ALTER TABLE audit_log ADD PRIMARY KEY (entry_no); ALTER TABLE accounts ADD CONSTRAINT accounts_owner_fk FOREIGN KEY (owner_id) REFERENCES customers (id) ON DELETE SET NULL
