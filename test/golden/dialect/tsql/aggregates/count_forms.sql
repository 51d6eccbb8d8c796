SELECT count(*), count(email), count(DISTINCT country) AS countries FROM customers
