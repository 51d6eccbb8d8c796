CREATE OR REPLACE VIEW customer_totals AS SELECT id AS customer_id, name, 0::bigint AS order_count, 0::numeric(38,2) AS total_spent FROM customers
