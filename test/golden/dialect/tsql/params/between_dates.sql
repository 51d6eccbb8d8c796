SELECT id FROM orders WHERE ordered_on BETWEEN $1 AND $2
