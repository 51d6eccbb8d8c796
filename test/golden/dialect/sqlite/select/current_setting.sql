SELECT current_setting('TimeZone') AS tz
