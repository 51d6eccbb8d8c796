-- role: {"app": "write"}
SELECT * FROM pgbench_accounts WHERE aid = 1
