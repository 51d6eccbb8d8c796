SELECT lower(name), upper(email), length(name), now(), COALESCE(email, '') FROM app.customers WHERE customers.tenant_id = '11111111-1111-1111-1111-111111111111'
