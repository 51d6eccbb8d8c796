SELECT extract(year FROM $1::date) AS y, $2::timestamptz AS t
