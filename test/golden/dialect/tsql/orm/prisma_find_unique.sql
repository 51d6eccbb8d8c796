SELECT "public"."customers"."id", "public"."customers"."name", "public"."customers"."email" FROM "public"."customers" WHERE ("public"."customers"."id" = $1 AND 1=1) LIMIT $2 OFFSET $3
