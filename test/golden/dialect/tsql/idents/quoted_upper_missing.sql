SELECT "Name" FROM customers
