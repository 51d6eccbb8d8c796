UPDATE public.pgbench_accounts SET abalance = abalance + $1 WHERE aid = $2 AND pgbench_accounts.tenant_id = '11111111-1111-1111-1111-111111111111'
