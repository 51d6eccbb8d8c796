CREATE TEMP TABLE orders (id int, note text)
-- temp table: orders(id, note)
