SELECT id FROM accounts WHERE frozen IS NOT TRUE
