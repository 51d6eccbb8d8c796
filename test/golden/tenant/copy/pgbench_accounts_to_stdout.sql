COPY pgbench_accounts TO STDOUT
