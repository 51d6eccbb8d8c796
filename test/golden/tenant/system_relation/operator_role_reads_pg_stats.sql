-- role: {"*": "ddl"}
SELECT * FROM pg_stats WHERE tablename = 'orders'
