SELECT id FROM accounts WHERE frozen = false AND frozen IS DISTINCT FROM true
