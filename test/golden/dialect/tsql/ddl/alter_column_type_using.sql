ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint USING customer_id::bigint
