TRUNCATE nosuch
