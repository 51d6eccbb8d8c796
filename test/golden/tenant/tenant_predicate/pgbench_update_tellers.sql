UPDATE pgbench_tellers SET tbalance = tbalance + -123 WHERE tid = 7
