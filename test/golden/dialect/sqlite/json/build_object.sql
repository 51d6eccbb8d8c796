SELECT json_build_object('id', id, 'total', total, 'paid', status = 'paid') AS j, jsonb_build_array(id, notes) AS a FROM orders
