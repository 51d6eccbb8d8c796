select "orders".* from "orders" where "orders"."id" = $1 limit $2
