UPDATE public.pgbench_tellers SET tbalance = tbalance + -123 WHERE tid = 7 AND pgbench_tellers.tenant_id = '11111111-1111-1111-1111-111111111111'
