SELECT * FROM app.events*
