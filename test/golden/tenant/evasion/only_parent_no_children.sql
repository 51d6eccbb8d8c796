SELECT * FROM ONLY app.events
