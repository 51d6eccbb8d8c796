EXECUTE by_customer(42)
