SELECT active FROM customers UNION SELECT frozen FROM accounts
