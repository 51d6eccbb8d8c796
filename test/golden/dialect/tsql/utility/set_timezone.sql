SET TIME ZONE 'Europe/Paris'; SET TimeZone = 'UTC'
