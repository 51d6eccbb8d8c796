CREATE TABLE audit.shadow (id int)
