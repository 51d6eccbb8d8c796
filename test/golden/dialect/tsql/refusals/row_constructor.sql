SELECT ROW(1, 'a') AS r
