SELECT position('@' in email) AS p, strpos(email, '.') AS s FROM customers
