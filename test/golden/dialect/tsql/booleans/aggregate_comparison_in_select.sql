SELECT count(*) > 0 AS any_rows, max(total) IS NULL AS none FROM orders
