SELECT g, c.name FROM generate_series(1, 100, 10) g JOIN customers c ON c.id = g
