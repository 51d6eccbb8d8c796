SELECT * FROM app.customers WHERE id IN (SELECT customer_id FROM orders WHERE id IN (SELECT order_id FROM invoices WHERE amount > (SELECT avg(amount) FROM invoices)))
