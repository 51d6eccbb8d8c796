SELECT array_agg(id) AS ids, array_agg(name ORDER BY name) AS names FROM customers
