SELECT string_to_array(email, '@') AS parts FROM customers
