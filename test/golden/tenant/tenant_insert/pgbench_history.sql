INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (3, 1, 4242, -123, CURRENT_TIMESTAMP)
