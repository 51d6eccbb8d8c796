SELECT * FROM nosuch
