SELECT lpad(name, $1, $2) AS padded FROM customers
