SELECT * FROM "App".orders
