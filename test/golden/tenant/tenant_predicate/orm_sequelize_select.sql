SELECT "id", "total", "status" FROM "orders" AS "Order" WHERE "Order"."customer_id" = 42;
