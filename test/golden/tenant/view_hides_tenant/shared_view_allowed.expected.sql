SELECT code, name FROM app.v_currencies
