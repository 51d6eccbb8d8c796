-- context: {"allowedFunctions": ["app.other_fn"]}
SELECT app.other_fn(1)
