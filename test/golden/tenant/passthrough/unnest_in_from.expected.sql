SELECT x FROM unnest(ARRAY[1, 2, 3]) AS t(x)
