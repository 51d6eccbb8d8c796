SELECT * FROM orders; UPDATE invoices SET amount = 0; DELETE FROM notes
