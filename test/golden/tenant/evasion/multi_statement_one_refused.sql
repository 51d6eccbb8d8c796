SELECT * FROM orders; SELECT * FROM audit.secrets
