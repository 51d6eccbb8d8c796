SELECT app.other_fn(1)
