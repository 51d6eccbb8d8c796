UPDATE public.pgbench_branches SET bbalance = bbalance + $1 WHERE bid = $2 AND pgbench_branches.tenant_id = '11111111-1111-1111-1111-111111111111'
