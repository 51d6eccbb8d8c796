SELECT lower(name), upper(email), length(name), now(), coalesce(email, '') FROM app.customers
