NOTIFY jobs
