UPDATE pgbench_accounts SET abalance = 0, tenant_id = '22222222-2222-2222-2222-222222222222' WHERE aid = 1
