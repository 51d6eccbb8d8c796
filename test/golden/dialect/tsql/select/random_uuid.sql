SELECT gen_random_uuid() AS u, random() AS r
