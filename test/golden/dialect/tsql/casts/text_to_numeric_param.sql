SELECT $1::numeric(10,2) AS amount, $2::text AS label
