SELECT o.id, i.amount FROM app.orders AS o, app.invoices AS i WHERE i.order_id = o.id AND o.tenant_id = '11111111-1111-1111-1111-111111111111' AND i.tenant_id = '11111111-1111-1111-1111-111111111111'
