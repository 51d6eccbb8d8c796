UPDATE nosuch SET a = 1
