CREATE TABLE spots (id int, loc point)
