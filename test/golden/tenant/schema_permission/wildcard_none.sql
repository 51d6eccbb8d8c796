-- role: {"*": "none", "app": "read"}
SELECT * FROM config.settings
