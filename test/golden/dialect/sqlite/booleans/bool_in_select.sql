SELECT id, balance > 100 AS rich, name IS NULL AS anonymous FROM customers
