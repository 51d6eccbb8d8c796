SELECT upper($1) AS u, length($2) AS l, $3 || name AS c FROM customers
