SELECT customers.id, CASE WHEN balance > 100 THEN true ELSE false END AS rich, coalesce(frozen, false) AS f FROM customers JOIN accounts ON accounts.owner_id = customers.id
