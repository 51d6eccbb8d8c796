CREATE TABLE people (id int PRIMARY KEY, email varchar(200) UNIQUE, phone text)
