SELECT pg_notify('jobs', 'payload')
