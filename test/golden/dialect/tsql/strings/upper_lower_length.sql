SELECT upper(name), lower(email), length(name), char_length(country) FROM customers
