SELECT * FROM "app"."orders" "o" WHERE "o"."id" = 1
