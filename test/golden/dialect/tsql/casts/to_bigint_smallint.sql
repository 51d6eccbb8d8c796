SELECT id::smallint AS s, line::bigint AS b, '9000000000'::bigint AS c FROM order_items, orders
