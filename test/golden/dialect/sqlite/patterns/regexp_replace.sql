SELECT regexp_replace(name, '\s+', ' ', 'g') AS cleaned, regexp_match(email, '@(.*)$') AS domain FROM customers
