SELECT id FROM customers WHERE (country, active) IN (VALUES ('US', true))
