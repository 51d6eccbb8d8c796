COPY (SELECT * FROM public.pgbench_accounts WHERE pgbench_accounts.tenant_id = '11111111-1111-1111-1111-111111111111') TO STDOUT
