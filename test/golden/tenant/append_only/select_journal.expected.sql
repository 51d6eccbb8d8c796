SELECT account, sum(amount) FROM app.journal WHERE journal.tenant_id = '11111111-1111-1111-1111-111111111111' GROUP BY account
