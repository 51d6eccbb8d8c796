SELECT setting FROM pg_settings WHERE name = 'TimeZone'
