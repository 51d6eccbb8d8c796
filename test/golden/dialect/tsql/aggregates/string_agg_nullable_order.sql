SELECT customer_id, string_agg(status, ',' ORDER BY shipped_at) AS by_ship, string_agg(notes, ';' ORDER BY total DESC) AS by_total FROM orders GROUP BY customer_id
