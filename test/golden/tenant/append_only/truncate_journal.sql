TRUNCATE journal
