WITH o AS (SELECT * FROM orders), i AS (SELECT * FROM invoices) SELECT * FROM o JOIN i ON i.order_id = o.id
