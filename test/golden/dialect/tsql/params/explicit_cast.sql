SELECT $1::int + 1 AS next, $2::date AS d
