CREATE TABLE pairs (a text, b text, PRIMARY KEY (a, b))
