SELECT * FROM app.customers
