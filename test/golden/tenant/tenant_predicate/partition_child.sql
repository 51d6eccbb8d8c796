SELECT * FROM app.events_2024 WHERE kind = 'login'
