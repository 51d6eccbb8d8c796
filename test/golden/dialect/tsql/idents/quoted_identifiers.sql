SELECT "id", "name" AS "Full Name" FROM "customers"
