-- context: {"searchPath": ["audit"]}
SELECT * FROM log
