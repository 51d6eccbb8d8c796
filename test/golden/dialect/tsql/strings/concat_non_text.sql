SELECT 'order #' || id || ' on ' || ordered_on AS label FROM orders
