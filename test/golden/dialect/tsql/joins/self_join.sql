SELECT a.name, b.name AS other FROM customers a JOIN customers b ON a.country = b.country AND a.id < b.id
