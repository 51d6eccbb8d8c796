SELECT customer_id, sum(total) FROM app.orders WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111' GROUP BY ROLLUP (customer_id)
