SELECT name || ' (' || country || ')' AS label FROM customers
