SELECT extract(second FROM shipped_at) AS s FROM orders
