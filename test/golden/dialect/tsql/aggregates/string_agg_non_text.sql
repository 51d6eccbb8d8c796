SELECT string_agg(id::text, ',') AS ids FROM orders
