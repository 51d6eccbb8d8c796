SELECT CASE WHEN active THEN 1 ELSE 'no' END AS x FROM customers
