SELECT id::text, CAST(id AS varchar(5)) AS short FROM customers
