INSERT INTO accounts VALUES (7, 1, '2024-01-01', 50, false)
