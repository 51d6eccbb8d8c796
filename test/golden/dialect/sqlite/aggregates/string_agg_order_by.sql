SELECT customer_id, string_agg(status, ',' ORDER BY ordered_on) AS statuses FROM orders GROUP BY customer_id
