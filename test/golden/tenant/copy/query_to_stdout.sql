COPY (SELECT o.id, i.amount FROM orders o JOIN invoices i ON i.order_id = o.id) TO STDOUT
