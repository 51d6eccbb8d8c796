-- context: {"searchPath": ["public", "app"]}
SELECT * FROM notes
