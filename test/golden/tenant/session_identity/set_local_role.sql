SET LOCAL ROLE postgres
