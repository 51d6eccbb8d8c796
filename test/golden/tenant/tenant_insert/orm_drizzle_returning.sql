insert into "orders" ("id", "tenant_id", "total") values (default, $1, $2) returning "id"
