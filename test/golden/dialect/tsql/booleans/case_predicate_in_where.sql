SELECT id FROM customers WHERE CASE WHEN active THEN balance > 0 ELSE false END
