TRUNCATE orders
