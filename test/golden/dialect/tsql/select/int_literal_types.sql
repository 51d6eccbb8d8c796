SELECT 1 AS small, 3000000000 AS big, 1.5 AS num, 1e3 AS sci, -5 AS neg
