SELECT id FROM customers WHERE levenshtein(name, 'x') < 2
