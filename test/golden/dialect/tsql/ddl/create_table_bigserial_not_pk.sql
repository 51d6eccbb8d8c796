CREATE TABLE tickets (name text PRIMARY KEY, n serial, big bigserial)
