COPY app.order_items (order_id, qty, tenant_id) FROM STDIN WITH (DELIMITER '|', NULL '')
-- copy in: {"csv":false,"delimiter":"|","quote":"\"","escape":"\"","header":false,"mode":{"kind":"append"}}
