SELECT * FROM orders AS invoices, invoices AS orders
