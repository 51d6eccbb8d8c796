CREATE TABLE pg_temp.scratch (id int)
-- temp table: scratch(id)
