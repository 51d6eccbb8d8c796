SELECT jsonb_build_object('id', id, 'total', total) FROM orders
