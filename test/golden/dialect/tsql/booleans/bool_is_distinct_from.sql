SELECT id FROM accounts WHERE frozen IS DISTINCT FROM true
