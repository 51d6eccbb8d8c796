SELECT kind, count(*) FROM app.events WHERE events.tenant_id = '11111111-1111-1111-1111-111111111111' GROUP BY kind
