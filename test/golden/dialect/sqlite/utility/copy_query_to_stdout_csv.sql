COPY (SELECT id, total, delivered_at FROM orders WHERE status = 'paid') TO STDOUT WITH (FORMAT csv, DELIMITER ';')
