CREATE TABLE notes (id int PRIMARY KEY, short varchar(10), wide varchar(4000), huge varchar(5000), unbounded varchar, fixed char(10), one_char char)
