SELECT now(), current_date, current_timestamp, localtimestamp
