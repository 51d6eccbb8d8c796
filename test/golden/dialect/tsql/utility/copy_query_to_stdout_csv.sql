COPY (SELECT id, total, shipped_at FROM orders WHERE status = 'paid') TO STDOUT WITH (FORMAT csv, DELIMITER ';')
