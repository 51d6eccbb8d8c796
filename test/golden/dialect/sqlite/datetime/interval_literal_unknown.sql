SELECT now() - '1 day' AS yesterday
