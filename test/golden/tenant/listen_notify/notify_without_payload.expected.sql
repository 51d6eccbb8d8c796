NOTIFY "acme:jobs"
