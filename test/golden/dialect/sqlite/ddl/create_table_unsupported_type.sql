CREATE TABLE shapes (id int, p point)
