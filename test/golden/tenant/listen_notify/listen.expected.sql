LISTEN "acme:jobs"
