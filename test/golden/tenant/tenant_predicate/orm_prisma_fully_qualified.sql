SELECT "app"."orders"."id", "app"."orders"."total" FROM "app"."orders" WHERE "app"."orders"."customer_id" = $1 ORDER BY "app"."orders"."id" ASC LIMIT $2 OFFSET $3
