SELECT * FROM app.orders AS o LEFT JOIN app.invoices AS i(iid, iowner) ON i.iid = o.id AND i.iowner = '11111111-1111-1111-1111-111111111111' WHERE o.tenant_id = '11111111-1111-1111-1111-111111111111'
