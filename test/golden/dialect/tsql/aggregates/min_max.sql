SELECT min(total), max(total), min(ordered_on), max(name) FROM orders JOIN customers ON customers.id = orders.customer_id
