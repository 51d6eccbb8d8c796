SELECT app.allowed_fn(1)
