CREATE TABLE tagged (id int, tags text[])
