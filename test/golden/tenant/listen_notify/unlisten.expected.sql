UNLISTEN "acme:jobs"
