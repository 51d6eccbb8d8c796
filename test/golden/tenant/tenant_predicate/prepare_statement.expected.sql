PREPARE by_customer (int) AS SELECT * FROM app.orders WHERE customer_id = $1 AND orders.tenant_id = '11111111-1111-1111-1111-111111111111'
