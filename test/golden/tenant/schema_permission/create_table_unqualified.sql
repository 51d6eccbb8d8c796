CREATE TABLE reports (id int)
