SELECT format('%s has %s', name, id) AS f FROM customers
