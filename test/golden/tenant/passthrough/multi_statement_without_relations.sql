BEGIN; SET LOCAL statement_timeout = '1s'; SELECT 1; COMMIT
