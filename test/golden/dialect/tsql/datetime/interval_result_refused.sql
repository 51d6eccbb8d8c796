SELECT interval '1 day' AS i
