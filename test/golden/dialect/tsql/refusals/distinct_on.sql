SELECT DISTINCT ON (customer_id) customer_id, id, total FROM orders ORDER BY customer_id, ordered_on DESC
