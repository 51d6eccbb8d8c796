SELECT concat(name, ' ', id, NULL) AS c, concat_ws(', ', name, email, country) AS cw FROM customers
