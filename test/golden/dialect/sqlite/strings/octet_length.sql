SELECT octet_length(name) AS bytes FROM customers
