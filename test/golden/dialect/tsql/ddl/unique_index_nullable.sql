CREATE UNIQUE INDEX accounts_owner_key ON accounts (owner_id)
