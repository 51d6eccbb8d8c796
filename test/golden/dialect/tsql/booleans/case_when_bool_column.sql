SELECT CASE WHEN active THEN 'yes' ELSE 'no' END AS a FROM customers
