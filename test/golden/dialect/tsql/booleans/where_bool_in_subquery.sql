SELECT id FROM customers WHERE active IN (SELECT frozen FROM accounts)
