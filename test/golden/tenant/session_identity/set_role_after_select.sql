SELECT 1; SET ROLE postgres
