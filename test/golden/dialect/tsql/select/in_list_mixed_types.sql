SELECT id FROM orders WHERE customer_id IN (1, 2.5) OR status IN ('a', NULL)
