SELECT * FROM app.nosuch
