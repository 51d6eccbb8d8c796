DROP TABLE nothing_here
