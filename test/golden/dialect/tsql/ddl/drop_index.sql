DROP INDEX orders_customer_idx; DROP INDEX IF EXISTS nothing_idx
