SELECT split_part(email, '@', 2) AS domain FROM customers
