SELECT shipped_at::timestamptz AS a, delivered_at::timestamp AS b, delivered_at::time AS c FROM orders
