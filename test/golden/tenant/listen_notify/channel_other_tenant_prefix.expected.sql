LISTEN "acme:globex:jobs"
