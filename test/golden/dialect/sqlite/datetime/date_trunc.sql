SELECT date_trunc('month', created_at) AS m, date_trunc('day', updated_at) AS d FROM customers
