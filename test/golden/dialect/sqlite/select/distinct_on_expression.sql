SELECT DISTINCT ON (lower(name)) lower(name) AS lname, id FROM customers ORDER BY lower(name), id
