select * from "orders" where "status" = $1 order by "id" desc limit $2
