SELECT count(*), sum(total), avg(total), min(total), max(total), string_agg(status, ',') FROM orders
