INSERT INTO public.pgbench_history (tid, bid, aid, delta, mtime, tenant_id) VALUES (3, 1, 4242, -123, CURRENT_TIMESTAMP, '11111111-1111-1111-1111-111111111111')
