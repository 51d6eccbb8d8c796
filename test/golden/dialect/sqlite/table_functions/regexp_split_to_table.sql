SELECT part FROM regexp_split_to_table('a,b,,c', ',') AS part
