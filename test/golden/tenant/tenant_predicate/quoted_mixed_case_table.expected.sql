SELECT balance FROM app."Accounts" AS a WHERE a.id = 1 AND a.tenant_id = '11111111-1111-1111-1111-111111111111'
