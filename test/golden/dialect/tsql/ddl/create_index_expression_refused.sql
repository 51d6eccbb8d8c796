CREATE INDEX customers_lower_email ON customers (lower(email))
