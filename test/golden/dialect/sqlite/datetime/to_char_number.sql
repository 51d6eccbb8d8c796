SELECT to_char(total, 'FM999G990D00') AS t, to_char(id, '00000') AS i FROM orders
