SELECT o.id, i.amount FROM orders o, invoices i WHERE i.order_id = o.id
