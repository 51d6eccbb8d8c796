SELECT * FROM app.accounts
