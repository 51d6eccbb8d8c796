SELECT abalance FROM public.pgbench_accounts WHERE aid = 4242 AND pgbench_accounts.tenant_id = '11111111-1111-1111-1111-111111111111'
