SELECT array_to_string(tags, ';') AS t, array_position(tags, 'vip') AS p FROM customers
