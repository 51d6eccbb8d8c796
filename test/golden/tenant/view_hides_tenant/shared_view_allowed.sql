SELECT code, name FROM v_currencies
