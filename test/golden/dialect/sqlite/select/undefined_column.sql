SELECT nope FROM customers
