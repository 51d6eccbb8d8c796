CREATE TEMPORARY TABLE my_totals AS SELECT id, total FROM app.orders WHERE total > 10 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111'
-- temp table: my_totals()
