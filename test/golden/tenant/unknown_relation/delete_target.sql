DELETE FROM app.nosuch
