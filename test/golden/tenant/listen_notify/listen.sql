LISTEN jobs
