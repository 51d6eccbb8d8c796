PREPARE by_customer (int) AS SELECT * FROM orders WHERE customer_id = $1
