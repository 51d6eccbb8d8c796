SELECT * FROM app.orders AS invoices, app.invoices AS orders WHERE invoices.tenant_id = '11111111-1111-1111-1111-111111111111' AND orders.tenant_id = '11111111-1111-1111-1111-111111111111'
