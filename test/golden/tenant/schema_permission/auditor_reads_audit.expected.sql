SELECT action, at FROM audit.log WHERE at > (now() - '1 day'::interval) AND log.tenant_id = '11111111-1111-1111-1111-111111111111'
