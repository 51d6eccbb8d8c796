INSERT INTO customers (name, tags) VALUES ('Cy', '{vip,new}'), ('Di', ARRAY['a', 'b c'])
