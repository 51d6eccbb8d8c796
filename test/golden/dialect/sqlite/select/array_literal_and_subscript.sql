SELECT ARRAY[1, 2, 3] AS a, tags[1] AS first_tag, array_length(tags, 1) AS n, cardinality(tags) AS c FROM customers
