TRUNCATE app.currencies CASCADE
