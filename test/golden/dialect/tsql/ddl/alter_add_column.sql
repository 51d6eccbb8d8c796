ALTER TABLE customers ADD COLUMN phone varchar(20), ADD COLUMN vip boolean NOT NULL DEFAULT false
