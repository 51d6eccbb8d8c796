SELECT email, country, upper(email) AS u, email || '' AS e FROM customers
