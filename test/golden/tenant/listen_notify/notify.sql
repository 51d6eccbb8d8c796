NOTIFY jobs, 'order 42 paid'
