SELECT '1 day'::interval AS i
