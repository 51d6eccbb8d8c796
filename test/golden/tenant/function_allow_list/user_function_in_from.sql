SELECT * FROM app.other_fn() AS f
