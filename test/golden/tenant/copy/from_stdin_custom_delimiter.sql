COPY order_items (order_id, qty) FROM STDIN WITH (DELIMITER '|', NULL '')
