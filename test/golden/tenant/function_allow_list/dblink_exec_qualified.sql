SELECT public.dblink_exec('dbname=fabric', 'delete from app.orders')
