SELECT count(*), sum(total), avg(total), min(total), max(total), string_agg(status, ',') FROM app.orders WHERE orders.tenant_id = '11111111-1111-1111-1111-111111111111'
