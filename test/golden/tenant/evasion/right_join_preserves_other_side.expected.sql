SELECT * FROM app.invoices AS i RIGHT JOIN app.orders AS o ON o.id = i.order_id AND i.tenant_id = '11111111-1111-1111-1111-111111111111' WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
