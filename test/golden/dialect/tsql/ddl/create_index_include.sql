CREATE INDEX orders_status_incl ON orders USING btree (status) INCLUDE (total)
