SELECT string_agg(name, ', ') AS names FROM customers
