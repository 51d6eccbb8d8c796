CREATE OR REPLACE VIEW customer_totals AS SELECT id AS customer_id, name, 0::bigint AS order_count, 0::numeric AS total_spent FROM customers
