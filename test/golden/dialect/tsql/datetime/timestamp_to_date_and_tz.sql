SELECT happened_at::date AS d, shipped_at::timestamptz AS tz, happened_at::timestamp AS ts, shipped_at::time AS t FROM orders, events
