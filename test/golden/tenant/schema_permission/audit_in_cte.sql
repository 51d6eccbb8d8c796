WITH a AS (SELECT * FROM audit.secrets) SELECT 1
