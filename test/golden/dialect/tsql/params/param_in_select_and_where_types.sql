SELECT $1::int AS a, name FROM customers WHERE created_at > $2 AND balance BETWEEN $3 AND $4
