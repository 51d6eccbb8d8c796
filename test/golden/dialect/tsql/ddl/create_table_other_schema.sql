CREATE TABLE reporting.t (id int)
