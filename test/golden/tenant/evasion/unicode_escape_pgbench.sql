SELECT abalance FROM U&"pgbench\005Faccounts" WHERE aid = 1
