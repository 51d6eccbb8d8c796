SELECT array_agg(id) AS ids FROM customers
