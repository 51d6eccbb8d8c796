CREATE TEMP TABLE orders (id int, note text)
