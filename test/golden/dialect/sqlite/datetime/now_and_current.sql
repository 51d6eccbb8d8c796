SELECT now() AS n, current_date, current_timestamp, localtimestamp
