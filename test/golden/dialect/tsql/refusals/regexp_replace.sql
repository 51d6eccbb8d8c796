SELECT regexp_replace(name, '\s+', ' ', 'g') AS cleaned FROM customers
