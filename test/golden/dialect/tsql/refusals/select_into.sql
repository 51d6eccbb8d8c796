SELECT id INTO new_table FROM customers
