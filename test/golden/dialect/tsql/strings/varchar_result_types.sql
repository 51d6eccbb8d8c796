SELECT email, country, upper(email) AS u, email || '' AS e, lower(country) AS lc FROM customers
