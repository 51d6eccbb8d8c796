SELECT account, sum(amount) FROM journal GROUP BY account
