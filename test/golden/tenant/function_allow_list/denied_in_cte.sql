WITH f AS (SELECT pg_ls_dir('/') AS name) SELECT * FROM f
