LISTEN jobs; NOTIFY jobs, 'hello'; UNLISTEN jobs
