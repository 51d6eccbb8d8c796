CALL app.other_fn()
