SELECT '$1 and $2' AS literal, $1::text AS p
