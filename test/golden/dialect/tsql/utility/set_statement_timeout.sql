SET statement_timeout = 5000
