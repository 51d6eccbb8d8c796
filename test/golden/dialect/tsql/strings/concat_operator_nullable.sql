SELECT name || ' <' || email || '>' AS contact FROM customers
