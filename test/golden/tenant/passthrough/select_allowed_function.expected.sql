SELECT app.allowed_fn(2)
