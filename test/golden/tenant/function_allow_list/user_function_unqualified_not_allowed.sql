SELECT other_fn(1)
