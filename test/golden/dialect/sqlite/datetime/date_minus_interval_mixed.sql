SELECT created_at - updated_at AS diff FROM customers
