SELECT "Order"."id" AS "Order_id", "Order"."total" AS "Order_total" FROM "orders" "Order" WHERE "Order"."id" IN ($1, $2)
