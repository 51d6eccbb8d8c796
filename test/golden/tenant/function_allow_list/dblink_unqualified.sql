SELECT * FROM dblink('dbname=fabric', 'select * from app.orders') AS t(id int)
