CREATE INDEX orders_details_gin ON orders USING gin (details)
