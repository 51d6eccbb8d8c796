SELECT * FROM app.events_2024
