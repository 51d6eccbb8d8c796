CREATE OR REPLACE VIEW app.v_order_totals AS SELECT customer_id, sum(total) AS total, tenant_id FROM app.orders GROUP BY customer_id, tenant_id
