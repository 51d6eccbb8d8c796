CALL app.allowed_fn(1)
