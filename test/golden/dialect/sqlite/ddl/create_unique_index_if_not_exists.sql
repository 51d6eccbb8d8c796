CREATE UNIQUE INDEX IF NOT EXISTS customers_email_lower ON customers (lower(email))
