ALTER TABLE customers ADD COLUMN seq serial
