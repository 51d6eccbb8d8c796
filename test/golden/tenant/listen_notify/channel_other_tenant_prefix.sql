LISTEN "globex:jobs"
