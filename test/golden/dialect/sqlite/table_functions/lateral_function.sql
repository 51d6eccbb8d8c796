SELECT c.id, x FROM customers c, LATERAL jsonb_array_elements_text(c.profile -> 'emails') x
