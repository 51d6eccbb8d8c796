NOTIFY "acme:jobs", E'order 42 paid'
