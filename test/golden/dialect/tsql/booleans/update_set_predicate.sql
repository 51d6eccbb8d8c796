UPDATE accounts SET frozen = limit_amount < 0
