CREATE TABLE counters (name text PRIMARY KEY, n serial, big bigserial)
