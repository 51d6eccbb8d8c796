-- role: {"*": "read"}
SELECT action, at FROM audit.log WHERE at > now() - interval '1 day'
