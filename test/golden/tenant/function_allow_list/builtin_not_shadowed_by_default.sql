SELECT format('%s-%s', 1, 2)
