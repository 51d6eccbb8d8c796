SELECT created_at::date AS d, ordered_on::timestamp AS ts, ordered_on::timestamptz AS tz FROM customers, orders
