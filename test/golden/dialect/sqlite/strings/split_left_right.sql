SELECT split_part(email, '@', 2) AS domain, left(name, 3) AS l, right(name, 2) AS r FROM customers
