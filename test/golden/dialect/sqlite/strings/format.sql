SELECT format('%s has %s orders', name, id) AS f FROM customers
