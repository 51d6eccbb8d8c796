SELECT customer_id, string_agg(status, ',' ORDER BY ordered_on DESC) AS statuses FROM orders GROUP BY customer_id
