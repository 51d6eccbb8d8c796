select "orders"."id", "customers"."name" from "orders" left join "app"."customers" on "orders"."customer_id" = "customers"."id" where "orders"."status" = $1
