SELECT now() AS n, current_date AS d, current_timestamp AS ct, localtimestamp AS lt
