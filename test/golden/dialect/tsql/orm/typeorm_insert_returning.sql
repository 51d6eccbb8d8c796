INSERT INTO "orders"("tenant_id", "customer_id", "status", "total") VALUES ($1, $2, DEFAULT, $3) RETURNING "id", "status", "ordered_on"
