SELECT count(*) AS "count" FROM "orders" AS "orders" WHERE "orders"."customer_id" = 1;
