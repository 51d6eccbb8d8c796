REVOKE ALL ON app.orders FROM app_rw
