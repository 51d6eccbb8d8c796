SELECT int4('12') AS x
