SELECT * FROM app.orders AS o JOIN app.invoices AS i ON i.order_id = o.id WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111' AND i.tenant_id = '11111111-1111-1111-1111-111111111111'
