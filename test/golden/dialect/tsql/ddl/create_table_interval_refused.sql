CREATE TABLE spans (id int, len interval)
