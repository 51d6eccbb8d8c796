SELECT id FROM accounts WHERE frozen IS NOT FALSE OR (limit_amount > 0) IS UNKNOWN
