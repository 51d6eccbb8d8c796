CREATE TEMP TABLE tmp_ids (id int PRIMARY KEY)
-- temp table: tmp_ids(id)
