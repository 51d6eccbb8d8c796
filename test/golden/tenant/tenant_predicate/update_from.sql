UPDATE orders o SET status = 'billed' FROM invoices i WHERE i.order_id = o.id
