SELECT name ~* '^a' AS starts_a, name !~ 'z$' AS no_z FROM customers
