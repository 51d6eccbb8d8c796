SELECT id FROM accounts WHERE frozen IS FALSE
